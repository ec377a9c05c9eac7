-- Opens one map file in Neovim with `counterpoint lsp` as its language server (Neovim's own
-- LSP client, nothing else), waits for the diagnostics the server publishes, and writes them,
-- one a line, to the file $OUT (then `published, N diagnostics`):
--
--   LINE:COL-LINE:COL SEVERITY CODE MESSAGE      (0-based lines and columns, as Neovim holds them)
--
-- $COUNTERPOINT is the counterpoint binary, $MAP the file to open, $SOURCES (optional) the
-- sources folder. Written for Neovim 0.7 and later (`vim.lsp.start_client`); run it with
--   nvim --headless --clean -c "luafile editors/neovim/check.lua"
-- (scripts/lsp-neovim.sh does that).
local bin = os.getenv('COUNTERPOINT') or 'counterpoint'
local map = assert(os.getenv('MAP'), 'set MAP to the file to open')
local out = assert(os.getenv('OUT'), 'set OUT to the file to write')
local sources = os.getenv('SOURCES')
if sources == '' then
  sources = nil
end

vim.cmd('edit ' .. vim.fn.fnameescape(map))
local buf = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({
  name = 'counterpoint',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.fnamemodify(map, ':p:h'),
  init_options = sources and { sources = sources } or vim.empty_dict(),
})
vim.lsp.buf_attach_client(buf, client)

-- Published, even when there is nothing to say: the handler Neovim uses, noting the call.
local published = false
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  publish(err, result, ctx, config)
  if result and vim.uri_to_bufnr(result.uri) == buf then
    published = true
  end
end

local severities = { 'error', 'warning', 'info', 'hint' }
vim.wait(20000, function()
  return published
end, 20)

local lines = {}
if not published then
  table.insert(lines, 'no diagnostics within 20 s')
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
  local first = vim.split(d.message, '\n', { plain = true })[1]
  table.insert(lines, string.format('%d:%d-%d:%d %s %s %s', d.lnum, d.col, d.end_lnum, d.end_col,
    severities[d.severity] or '?', code, first))
end
table.insert(lines, string.format('published, %d diagnostics', #vim.diagnostic.get(buf)))
vim.fn.writefile(lines, out)
vim.lsp.stop_client(client)
vim.wait(5000, function()
  return vim.lsp.client_is_stopped(client)
end, 20)
vim.cmd('qa!')
