// Box library "json": answers the payload, or the element named by 'field', as JSON.
function main() {
  var code = parseInt(nflow_data.http_code);
  var field = nflow_data.field;
  c.JSON(isNaN(code) ? 200 : code, !field || field === '*' ? payload : find_element(field, payload));
}
