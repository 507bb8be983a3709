// Box library "js_set_var": sets one payload value.
function main() {
  payload[nflow_data.var_name] = nflow_data.var_value;
}
