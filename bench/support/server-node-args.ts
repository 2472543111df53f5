/**
 * Node flags of `npm start` (package.json), so benchmarks measure the server as it ships.
 * The heap cap keeps a traffic spike from growing the old generation without bound: V8 then
 * collects harder instead of asking the OS for more memory it rarely gives back.
 */
export const SERVER_NODE_ARGS = ["--max-old-space-size=512"];
