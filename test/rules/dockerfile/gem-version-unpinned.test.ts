import rule from '../../../server/src/rules/dockerfile/gem-version-unpinned';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM ruby:3.3\nRUN gem install bundler:2.5.16',
    {
      name: 'a version flag pins the command',
      code: 'FROM ruby:3.3\nRUN gem install bundler -v 2.5.16 && gem install rails --version=7.1.0',
    },
    { name: 'flag values', code: 'FROM ruby:3.3\nRUN gem install --install-dir /gems rake:13.2.1' },
    { name: 'other subcommands', code: 'FROM ruby:3.3\nRUN gem update --system 3.5.16' },
  ],
  invalid: [
    {
      name: 'unpinned gems',
      code: `
FROM ruby:3.3
RUN gem install --no-document bundler rake:13.2.1 && gem i nokogiri
                              ~~~~~~~                      ~~~~~~~~`,
      output: null,
    },
  ],
});
