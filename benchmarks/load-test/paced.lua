-- wrk script of benchmarks/load-test/load-test.sh: each connection waits WRK_DELAY_MS milliseconds between a
-- response and its next request, so that the load stays at a fixed pace below saturation.
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS"))

function delay()
	return delay_ms
end
