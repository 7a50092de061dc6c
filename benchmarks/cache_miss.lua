-- wrk script: like report.lua, but every request carries a query parameter never sent before
-- (`_bench=<thread>-<n>`), so that no answer can come from a response cache. The app ignores unknown
-- query parameters, so the answer is the same; benchmarks/run.py checks that before the load.

local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "report.lua")

local counter = 0

function request()
  if separator == nil then
    separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  end
  counter = counter + 1
  return wrk.format(nil, wrk.path .. separator .. "_bench=" .. tid .. "-" .. counter)
end
