// aws-local-stepfunctions 3.0.0 declares Node >= 22 and uses Promise.withResolvers, the only Node 22 API it needs.
// Preload with NODE_OPTIONS="--require ./polyfill.cjs" to run it on Node 20.
Promise.withResolvers ??= function () {
  let resolve, reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};
