// Runs once in every new context, before any step script. It turns the realm into one that a pooled
// context can share between processes: everything a script could use to pass data to a later script
// (globals, built-in prototypes, legacy RegExp statics) is removed or frozen. It evaluates to the
// frozen object the runner calls: check(body), run(step, stateJson, inputJson) and isError(value).
(function () {
  'use strict';
  const global = globalThis;
  const { defineProperty, freeze, getOwnPropertyDescriptor, getPrototypeOf } = Object;
  const { ownKeys } = Reflect;
  const FunctionConstructor = Function;
  const ErrorConstructor = Error;
  const { parse, stringify } = JSON;
  const isArray = Array.isArray;

  // Host bridges (inert without host access, but no reason to show them) and globals whose only use
  // is across threads or across turns of the event loop, which steps do not have.
  for (const name of ['Java', 'Packages', 'java', 'javafx', 'javax', 'com', 'org', 'edu', 'arguments',
                      'SharedArrayBuffer', 'Atomics', 'WeakRef', 'FinalizationRegistry']) {
    delete global[name];
  }
  // RegExp.$1, RegExp.lastMatch, ... expose the last match of any script run in this realm.
  for (const name of ['input', '$_', 'lastMatch', '$&', 'lastParen', '$+', 'leftContext', '$`',
                      'rightContext', "$'", '$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9']) {
    delete RegExp[name];
  }

  // Freezing a prototype makes assignment to an inherited name fail ("override mistake"), which would
  // break ordinary code such as `error.name = 'ValidationError'`. For the names scripts commonly
  // assign, an accessor keeps the shared value read-only but lets an assignment create an own property.
  function allowOverride(target, key) {
    const descriptor = getOwnPropertyDescriptor(target, key);
    if (!descriptor || !('value' in descriptor)) {
      return;
    }
    const value = descriptor.value;
    defineProperty(target, key, {
      get: function () { return value; },
      set: function (newValue) {
        if (this === target) {
          throw new TypeError("Cannot assign to read only property '" + String(key) + "' of a built-in");
        }
        defineProperty(this, key, { value: newValue, writable: true, enumerable: true, configurable: true });
      },
      enumerable: descriptor.enumerable,
      configurable: false,
    });
  }
  for (const key of ownKeys(Object.prototype)) {
    allowOverride(Object.prototype, key);
  }
  for (const key of ['constructor', 'toString', 'bind', 'call', 'apply']) {
    allowOverride(Function.prototype, key);
  }
  allowOverride(Array.prototype, 'toString');
  for (const error of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError]) {
    for (const key of ['constructor', 'name', 'message', 'toString']) {
      allowOverride(error.prototype, key);
    }
  }

  // Intrinsics that no global names: reachable only through instances, so seed them explicitly.
  const segments = new Intl.Segmenter().segment('');
  const roots = [
    global,
    getPrototypeOf(function* () {}),
    getPrototypeOf(async function () {}),
    getPrototypeOf(async function* () {}),
    getPrototypeOf([][Symbol.iterator]()),
    getPrototypeOf(new Map()[Symbol.iterator]()),
    getPrototypeOf(new Set()[Symbol.iterator]()),
    getPrototypeOf(''[Symbol.iterator]()),
    getPrototypeOf(/a/g[Symbol.matchAll]('')),
    getPrototypeOf(Iterator.from({ next() { return { done: true }; } })),
    getPrototypeOf([].values().map((x) => x)),
    getPrototypeOf(segments),
    getPrototypeOf(segments[Symbol.iterator]()),
    getOwnPropertyDescriptor(function () { 'use strict'; return arguments; }(), 'callee').get,
  ];
  const seen = new Set();
  const pending = roots.slice();
  while (pending.length > 0) {
    const value = pending.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) {
      continue;
    }
    seen.add(value);
    freeze(value);
    pending.push(getPrototypeOf(value));
    for (const key of ownKeys(value)) {
      const descriptor = getOwnPropertyDescriptor(value, key);
      if ('value' in descriptor) {
        pending.push(descriptor.value);
      } else {
        pending.push(descriptor.get, descriptor.set);
      }
    }
  }

  return freeze({
    // Throws a SyntaxError unless body parses on its own as a function body, so a script cannot close
    // the wrapper it is embedded in (e.g. "}); (function(){" or an unterminated comment).
    check: function (body) {
      FunctionConstructor(body);
    },
    run: function (step, stateJson, inputJson) {
      const result = step(parse(stateJson), parse(inputJson));
      const state = result[0];
      const next = result[1];
      if (typeof state !== 'object' || state === null || isArray(state)) {
        throw new TypeError("'state' must be an object after the script, but it is "
            + (state === null ? 'null' : isArray(state) ? 'an array' : 'of type ' + typeof state));
      }
      if (next !== undefined && next !== null && typeof next !== 'string') {
        throw new TypeError("'next' must be a string naming an edge, but it is of type " + typeof next);
      }
      return stringify({ state: state, next: next });
    },
    isError: function (value) {
      return value instanceof ErrorConstructor;
    },
  });
})()
