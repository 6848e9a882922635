-- The request mix of scripts/bench-serve.sh, for wrk: reports read by id
-- (each view of an embargoed report is audited), pages of the inbox, and
-- writes (comments, or triage with a random CVSS vector in MODE=triage).
-- TOKEN, REPORTS, WRITE_PCT, LIST_PCT and MODE come from the environment.
local token = os.getenv("TOKEN")
local reports = tonumber(os.getenv("REPORTS") or "200")
local write_pct = tonumber(os.getenv("WRITE_PCT") or "10")
local list_pct = tonumber(os.getenv("LIST_PCT") or "10")
local mode = os.getenv("MODE") or "mixed"
local vectors = {
  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N",
  "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
}
local counter = 0

setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
end

init = function(args)
  math.randomseed(os.time() + (id or 0) * 7919)
end

request = function()
  local h = { ["Authorization"] = "Bearer " .. token }
  local r = math.random(100)
  local n = math.random(reports)
  if mode == "triage" then
    local v = vectors[math.random(#vectors)]
    h["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/reports/" .. n .. "/triage", h,
      '{"cvss":"' .. v .. '","stride":["D"],"workaround":"' .. v .. '"}')
  end
  if r <= write_pct then
    h["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/reports/" .. n .. "/comments", h, '{"body":"bench comment"}')
  elseif r <= write_pct + list_pct then
    return wrk.format("GET", "/api/v1/reports?limit=20&after=" .. math.random(0, reports - 20), h)
  end
  return wrk.format("GET", "/api/v1/reports/" .. n, h)
end
