// Box library "Validate Login": checks username and password; on success logs in and sends the browser back to
// where the login began.
function main() {
  var ok = validate_user(payload.username, payload.password);
  delete payload.password;
  if (!ok) {
    c.HTML(200, 'Error Login');
    return;
  }
  set_profile({ username: payload.username });
  var target = get_session('auth-session', 'redirect_url') || '/';
  set_session('auth-session', 'redirect_url', '');
  c.HTML(200, "<script>window.location.href = '" + js_string(target) + "'</script>");
}

function js_string(s) {
  return String(s).replace(/[\\'"<>&\u2028\u2029\n\r]/g, function (ch) {
    return '\\u' + ('000' + ch.charCodeAt(0).toString(16)).slice(-4);
  });
}
