-- wrk script: like report.lua, but every request carries a query parameter never sent before
-- (`_bench=<run><thread>-<n>`), so that no answer can come from a response cache. The app ignores unknown
-- query parameters, so the answer is the same; benchmarks/run.py checks that before the load.
-- Script arguments: <expected status> <run label>; the label differs between runs (the warm-up and the
-- measured run of a scenario), so that no run repeats the keys of an earlier one.

local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "report.lua")

local report_init = init
local counter = 0

function init(args)
  report_init(args)
  label = args[2] or ""
end

function request()
  if separator == nil then
    separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  end
  counter = counter + 1
  return wrk.format(nil, wrk.path .. separator .. "_bench=" .. label .. tid .. "-" .. counter)
end
