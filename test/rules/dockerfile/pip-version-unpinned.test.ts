import rule from '../../../server/src/rules/dockerfile/pip-version-unpinned';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3 "requests>=2.31,<3" six~=1.16',
    {
      name: 'requirement files',
      code: 'FROM python:3.12\nRUN pip install -r requirements.txt && pip install --requirement=dev.txt',
    },
    { name: 'a constraint file', code: 'FROM python:3.12\nRUN pip install -c constraints.txt flask' },
    {
      name: 'the project itself, editable or not',
      code: 'FROM python:3.12\nRUN pip install . && pip install -e ./lib',
    },
    {
      name: 'wheels and VCS refs',
      code: 'FROM python:3.12\nRUN pip install dist/app-1.0-py3-none-any.whl git+https://github.com/a/b@v1.2',
    },
    {
      name: 'flag values',
      code: 'FROM python:3.12\nRUN pip install -i https://pypi.example.com/simple --target /deps flask==3.0.3',
    },
    {
      name: 'a version from an ARG',
      code: 'FROM python:3.12\nARG FLASK_VERSION\nRUN python3 -m pip install flask==${FLASK_VERSION}',
    },
  ],
  invalid: [
    {
      name: 'pip and python -m pip',
      code: `
FROM python:3.12
RUN pip install --upgrade pip && python3 -m pip install flask==3.0.3 gunicorn
                          ~~~                                        ~~~~~~~~`,
      output: null,
    },
    {
      name: 'a VCS URL without a ref',
      code: `
FROM python:3.12
RUN pip3 install git+https://github.com/a/b
                 ~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: null,
    },
  ],
});
