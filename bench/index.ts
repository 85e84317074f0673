// The benchmark harness (`npm run bench`) is built out by the benchmarks issue.
console.log('No benchmarks yet.');
