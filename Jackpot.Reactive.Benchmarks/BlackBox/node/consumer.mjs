// The Node consumer of the black-box benchmark: npm `eventsource` 4.1.1, JSON.parse in onmessage.
// Usage: node --trace-gc-nvp consumer.mjs <channel url> <warm-up events> <measured events> flood|paced
// Prints `RESULT events=… seconds=… cpu_us=… window_ms=<start>,<end> [p50_us=… p99_us=…]`; the parent sums the
// `allocated=` of the GC trace lines inside the window for the bytes allocated.
import { EventSource } from 'eventsource';

const [url, warmupText, measuredText, mode] = process.argv.slice(2);
const warmup = Number(warmupText);
const measured = Number(measuredText);
const paced = mode === 'paced';
const latencies = paced ? new Float64Array(measured) : null;
let count = 0;
let start;

function snapshot() {
  const cpu = process.cpuUsage();
  return { time: process.hrtime.bigint(), cpu: cpu.user + cpu.system, ms: performance.now() };
}

const source = new EventSource(url);
source.onerror = (error) => {
  console.error(`eventsource error: ${error.message ?? error}`);
};
source.onmessage = (message) => {
  const payload = JSON.parse(message.data);
  count++;
  if (count <= warmup) {
    if (count === warmup) {
      start = snapshot();
    }
    return;
  }
  if (paced) {
    latencies[count - warmup - 1] = Number(process.hrtime.bigint() - BigInt(payload.value)) / 1000;
  }
  if (count === warmup + measured) {
    const end = snapshot();
    source.close();
    let line = `RESULT events=${measured} seconds=${Number(end.time - start.time) / 1e9} cpu_us=${end.cpu - start.cpu}`
      + ` window_ms=${start.ms},${end.ms}`;
    if (paced) {
      latencies.sort();
      line += ` p50_us=${latencies[Math.floor(measured / 2)]} p99_us=${latencies[Math.min(measured - 1, Math.floor(measured * 0.99))]}`;
    }
    process.stdout.write(line + '\n');
    // Exit by running out of work, not process.exit(): that would drop the GC trace lines still in V8's stdout buffer.
    setTimeout(() => process.exit(0), 10_000).unref();
  }
};
