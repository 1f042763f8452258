-- Headless check for run.sh: waits (up to SHIPSHAPE_NVIM_TIMEOUT_MS, default 15 s) for the current buffer's
-- diagnostics, writes them to SHIPSHAPE_NVIM_OUT as JSON and quits (exit 1 when none arrived). run.sh asserts.
local out = assert(os.getenv('SHIPSHAPE_NVIM_OUT'), 'SHIPSHAPE_NVIM_OUT is not set')
local timeout = tonumber(os.getenv('SHIPSHAPE_NVIM_TIMEOUT_MS') or '15000')

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local t0 = vim.loop.hrtime()
  -- vim.wait keeps the event loop running (LSP messages are handled) while it polls.
  local arrived = vim.wait(timeout, function()
    return #vim.diagnostic.get(buf) > 0 or vim.g.shipshape_server_exit ~= nil
  end, 20)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(diagnostics, {
      lnum = d.lnum,
      col = d.col,
      severity = d.severity,
      source = d.source or vim.NIL,
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or vim.NIL,
      message = d.message,
    })
  end
  local clients = {}
  local attached = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
  for _, c in pairs(attached) do table.insert(clients, c.name) end
  local v = vim.version()
  return {
    nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch),
    filetype = vim.bo[buf].filetype,
    clients = clients,
    waited_ms = math.floor((vim.loop.hrtime() - t0) / 1e6),
    timed_out = not arrived,
    server_exit = vim.g.shipshape_server_exit or vim.NIL,
    diagnostics = diagnostics,
  }
end

local ok, result = pcall(run)
if not ok then result = { error = tostring(result), diagnostics = {} } end
local f = assert(io.open(out, 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd(#result.diagnostics > 0 and 'qall!' or 'cquit 1')
