-- Neovim config that runs the Shipshape language server on Dockerfiles (Neovim 0.7 or later, no plugins).
-- Used by test/nvim/run.sh:  nvim --headless -u test/nvim/init.lua <Dockerfile>
-- The server is this repository's server/out/server.js (`npm run build`); SHIPSHAPE_SERVER overrides it.
local repo = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h:h')
local server = os.getenv('SHIPSHAPE_SERVER') or (repo .. '/server/out/server.js')

vim.cmd('filetype on')

local config = {
  name = 'shipshape',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.getcwd(),
  on_exit = function(code, signal)
    -- run.sh's check stops waiting as soon as the server is gone.
    vim.g.shipshape_server_exit = { code = code, signal = signal }
  end,
}

local client_id
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'dockerfile',
  callback = function(args)
    if vim.lsp.start then
      -- Neovim 0.8+: starts the server once per root_dir and attaches the buffer.
      vim.lsp.start(config, { bufnr = args.buf })
    else
      -- Neovim 0.7: start the client once, then attach each buffer to it.
      client_id = client_id or vim.lsp.start_client(config)
      if client_id then vim.lsp.buf_attach_client(args.buf, client_id) end
    end
  end,
})
