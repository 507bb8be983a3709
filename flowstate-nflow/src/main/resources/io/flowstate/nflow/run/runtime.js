// nFlow's JavaScript contract (NFLOW.md §4), evaluated once per sandbox context. It evaluates to {run, globalOnly}:
// run(host, step, payloadJson, proxied, consoleOn) builds the node's own scope (globals, the `c` object and the
// helpers; the environment is asked of the host and parsed only when a name from it is first read), runs the
// compiled node with it and returns {"payload": ..., "next": ...} as JSON text. A node compiled by NodeScope reads
// the names it uses from the scope object into locals (proxied false); other nodes run `with` the scope behind a
// proxy (proxied true). consoleOn false: the console's level is off, so console.* neither formats its arguments nor
// calls the host. globalOnly lists the names that resolve to the realm's global object, not to the scope.
(function () {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const isArray = Array.isArray;
  const keys = Object.keys;
  const G = globalThis;
  const { create, defineProperty, freeze } = Object;

  function checked(text) {
    const result = parse(text);
    if (result.error !== undefined) {
      throw new Error(result.error);
    }
    return result.value;
  }

  // Go's encoding/json: keys sorted at every level, numbers as JavaScript prints them, HTML-safe strings.
  function goString(s) {
    let out = '"';
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      switch (ch) {
        case 0x22: out += '\\"'; break;
        case 0x5c: out += '\\\\'; break;
        case 0x0a: out += '\\n'; break;
        case 0x0d: out += '\\r'; break;
        case 0x09: out += '\\t'; break;
        case 0x08: out += '\\b'; break;
        case 0x0c: out += '\\f'; break;
        case 0x3c: out += '\\u003c'; break;
        case 0x3e: out += '\\u003e'; break;
        case 0x26: out += '\\u0026'; break;
        case 0x2028: out += '\\u2028'; break;
        case 0x2029: out += '\\u2029'; break;
        default:
          out += ch < 0x20 ? '\\u00' + (ch < 0x10 ? '0' : '') + ch.toString(16) : s.charAt(i);
      }
    }
    return out + '"';
  }
  function goJson(v) {
    if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol') {
      return 'null';
    }
    if (typeof v === 'object' && typeof v.toJSON === 'function') {
      v = v.toJSON();
    }
    if (typeof v === 'number') {
      return isFinite(v) ? stringify(v) : 'null';
    }
    if (typeof v === 'boolean') {
      return v ? 'true' : 'false';
    }
    if (typeof v === 'bigint') {
      return v.toString();
    }
    if (typeof v === 'string') {
      return goString(v);
    }
    if (isArray(v)) {
      return '[' + v.map(goJson).join(',') + ']';
    }
    const names = keys(v).filter(function (k) {
      const x = v[k];
      return x !== undefined && typeof x !== 'function' && typeof x !== 'symbol';
    }).sort();
    return '{' + names.map(function (k) { return goString(k) + ':' + goJson(v[k]); }).join(',') + '}';
  }

  function findElement(path, v) {
    let current = v;
    const parts = String(path).split('.');
    for (let i = 0; i < parts.length; i++) {
      if (current === null || current === undefined || typeof current !== 'object') {
        return undefined;
      }
      current = current[parts[i]];
    }
    return current === undefined ? undefined : parse(stringify(current) === undefined ? 'null' : stringify(current));
  }
  function first(map, name) {
    const values = map[name];
    return values && values.length > 0 ? values[0] : '';
  }
  function copy(v) {
    return v === undefined ? undefined : parse(stringify(v));
  }
  // Data for templates: the built-in encoder (fast; key order does not matter there, numbers print the same).
  function json(v) {
    const out = stringify(v === undefined ? null : v);
    return out === undefined ? 'null' : out;
  }
  function text(v) {
    return v === undefined || v === null ? '' : String(v);
  }

  // The call being served. A context serves one call at a time, so the helpers below, built once per context and
  // frozen, read the current call from here instead of being built again for every node.
  let cur = null;
  function host() {
    return cur.host;
  }
  // The call's environment (everything but the payload), asked of the host and parsed when a node or a helper
  // first reads it: most nodes read only their payload.
  function env() {
    return cur.env === null ? (cur.env = parse(cur.host.env())) : cur.env;
  }

  const C = freeze({
    JSON: function (code, v) { host().write('json', Number(code) | 0, goJson(v) + '\n'); },
    HTML: function (code, v) { host().write('html', Number(code) | 0, text(v)); },
    String: function (code, v) { host().write('string', Number(code) | 0, text(v)); },
    Redirect: function (code, url) { host().write('redirect', Number(code) | 0, text(url)); },
    NoContent: function (code) { host().write('none', Number(code) | 0, ''); },
    QueryParam: function (name) { return first(env().request.query, text(name)); },
    FormValue: function (name) {
      const n = text(name);
      const body = env().request.body;
      return body[n] && body[n].length > 0 ? body[n][0] : first(env().request.query, n);
    },
    Param: function (name) { const v = env().vars[text(name)]; return v === undefined ? '' : v; },
    GetHeader: function (name) {
      const wanted = text(name).toLowerCase();
      const header = env().request.header;
      for (const k of keys(header)) {
        if (k.toLowerCase() === wanted) {
          return first(header, k);
        }
      }
      return '';
    },
    QueryParams: function () { return copy(env().request.query); },
    SetHeader: function (name, value) { host().header(text(name), text(value)); },
    Get: function (name) { const v = host().scratch('get', text(name), ''); return v === '' ? undefined : parse(v); },
    Set: function (name, value) { host().scratch('set', text(name), value === undefined ? 'null' : stringify(value)); },
  });
  function log(level) {
    return function () {
      if (!cur.console) {
        return;
      }
      const parts = [];
      for (let i = 0; i < arguments.length; i++) {
        const a = arguments[i];
        parts.push(typeof a === 'string' ? a : stringify(a));
      }
      host().log(level, parts.join(' '));
    };
  }
  const CONSOLE = freeze({ log: log('info'), info: log('info'), debug: log('debug'), warn: log('warn'),
    error: log('error') });

  // Copies a node may change without touching the request, made on first use.
  function lazy(name, make) {
    return {
      get: function () {
        const value = make();
        defineProperty(this, name, { value: value, writable: true, enumerable: true, configurable: true });
        return value;
      },
      set: function (value) {
        defineProperty(this, name, { value: value, writable: true, enumerable: true, configurable: true });
      },
    };
  }

  const HELPERS = {
    c: C,
    console: CONSOLE,
    template: function (t, data) { return checked(host().template('go', text(t), json(data))); },
    mustache: function (t, data) { return checked(host().template('mustache', text(t), json(data))); },
    get_template: function (name) { return checked(host().template('get', text(name), 'null')); },
    find_element: findElement,
    url_values_to_map: function (v) {
      const out = {};
      for (const k of keys(v || {})) {
        out[k] = isArray(v[k]) ? (v[k].length === 1 ? v[k][0] : v[k].slice()) : v[k];
      }
      return out;
    },
    atob: function (s) { return host().helper('atob', text(s)); },
    uuid: function () { return host().helper('uuid', ''); },
    get_profile: function () { return parse(host().profile('get', '')); },
    set_profile: function (p) { host().profile('set', json(p)); },
    exist_profile: function () { return host().profile('exists', '') === 'true'; },
    delete_profile: function () { host().profile('delete', ''); },
    get_session: function (name, key) {
      return parse(host().session('get', text(name), key === undefined ? '' : text(key), 'null'));
    },
    set_session: function (name, key, value) {
      host().session('set', text(name), text(key), value === undefined ? 'null' : stringify(value));
    },
    open_session: function (name) { return parse(host().session('open', text(name), '', 'null')); },
    save_session: function (name, values) { host().session('save', text(name), '', stringify(values || {})); },
    delete_session: function (name) { host().session('delete', text(name), '', 'null'); },
    open_session_form: function () { return copy(cur.scope.payload); },
    delete_session_form: function () {
      const payload = cur.scope.payload;
      for (const k of keys(payload || {})) {
        delete payload[k];
      }
    },
    validate_user: function (u, p) { return host().helper('validate_user', stringify([text(u), text(p)])) === 'true'; },
    validate_token: function (name) { return host().helper('validate_token', text(name)) === 'true'; },
    send_otp: function (to) { return host().helper('send_otp', text(to)) === 'true'; },
    check_otp: function (to, code) {
      return host().helper('check_otp', stringify([text(to), text(code)])) === 'true';
    },
  };
  for (const unit of ['unix', 'unix_nano', 'year', 'month', 'day', 'hour', 'minute', 'second', 'weekday']) {
    HELPERS['time_now_' + unit] = function () { return Number(host().helper('time', unit)); };
  }
  for (const name of keys(HELPERS)) {
    if (typeof HELPERS[name] === 'function') {
      freeze(HELPERS[name]);
    }
  }
  defineProperty(HELPERS, 'dromedary_data', lazy('dromedary_data', function () { return copy(env().data); }));
  defineProperty(HELPERS, 'path_vars', lazy('path_vars', function () { return copy(env().vars); }));
  defineProperty(HELPERS, 'form', lazy('form', function () { return copy(env().request.body); }));
  freeze(HELPERS);

  // Names the node assigns without declaring land in its scope, never in the shared realm.
  const SCOPE_TRAPS = freeze({
    has: function (t, k) {
      return k !== Symbol.unscopables && (k in t || !(k in G));
    },
  });

  // The run's names other than payload and next, read from the environment on first use.
  const RUN = create(HELPERS);
  const FROM_ENV = {
    nflow_data: function (e) { return e.data; },
    __outputs: function (e) { return e.outputs; },
    __flow_name: function (e) { return e.flowName; },
    __flow_app: function (e) { return e.flowApp; },
    __process_id: function (e) { return e.processId; },
    current_box: function (e) { return e.currentBox; },
    prev_box: function (e) { return e.prevBox; },
    nflow_endpoint: function (e) { return e.endpoint; },
    vars: function (e) { return e.vars; },
    post_data: function (e) { return e.postData; },
    header: function (e) { return e.request.header; },
    wid: function (e) { return e.wid; },
  };
  for (const name of keys(FROM_ENV)) {
    const read = FROM_ENV[name];
    defineProperty(RUN, name, lazy(name, function () { return read(env()); }));
  }
  freeze(RUN);

  const sample = create(RUN);
  sample.payload = null;
  sample.next = null;
  const globalOnly = [];
  for (let o = G; o !== null; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) {
      if (!(k in sample)) {
        globalOnly.push(k);
      }
    }
  }

  function run(hostBridge, step, payloadJson, proxied, consoleOn) {
    const scope = create(RUN);
    scope.payload = parse(payloadJson);
    scope.next = 'output_1';
    cur = { host: hostBridge, env: null, scope: scope, console: consoleOn };
    try {
      step(proxied ? new Proxy(scope, SCOPE_TRAPS) : scope);
    } finally {
      cur = null;
    }
    let payload = scope.payload;
    if (payload === null || payload === undefined) {
      payload = {};
    }
    if (typeof payload !== 'object' || isArray(payload)) {
      throw new TypeError("'payload' must be an object after the node, but it is "
          + (isArray(payload) ? 'an array' : 'of type ' + typeof payload));
    }
    const next = scope.next;
    return stringify({ payload: payload, next: next === undefined || next === null ? null : String(next) });
  }

  return freeze({ run: run, globalOnly: globalOnly.join(' ') });
})()
