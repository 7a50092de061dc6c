-- wrk script for the mixed load run: each request is drawn at random (seeded per thread, so runs repeat) from
-- a plan file written by benchmarks/run.py, one route a line, tab-separated:
--     key <TAB> expected status <TAB> cold (0/1) <TAB> path <TAB> header name <TAB> header value
-- A cold route gets a query parameter never sent before (`_bench=<run label><thread>-<n>`), so the app does
-- all the work.
-- Every request says `Accept-Encoding: gzip, br`, as the mobile app does.
-- wrk cannot tell which request a response answers when a thread drives several connections, so run.py starts
-- one thread per connection: then a thread's requests and responses strictly alternate, and the expected status
-- set with each request is the one its response is checked against (report.lua's response()).
-- Usage: wrk --threads C --connections C -s benchmarks/mixed.lua --latency <base url> -- <plan file> <run label>

local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "report.lua")

local report_init = init
local routes = {}
local counter = 0

function init(args)
  report_init({})
  for line in io.lines(args[1]) do
    local key, expect, cold, path, name, value = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    if key then
      local headers = {["Accept-Encoding"] = "gzip, br"}
      if name ~= "" then
        headers[name] = value
      end
      routes[#routes + 1] = {path = path, expect = tonumber(expect), cold = cold == "1", headers = headers}
    end
  end
  if #routes == 0 then
    error("mixed.lua: no route in " .. tostring(args[1]))
  end
  label = args[2] or "m"
  math.randomseed(1000 + tid)
end

function request()
  local route = routes[math.random(#routes)]
  expected = route.expect
  local path = route.path
  if route.cold then
    counter = counter + 1
    path = path .. (string.find(path, "?", 1, true) and "&" or "?") .. "_bench=" .. label .. tid .. "-" .. counter
  end
  return wrk.format("GET", path, route.headers)
end
