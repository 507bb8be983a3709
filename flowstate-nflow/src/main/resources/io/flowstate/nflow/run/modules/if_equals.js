// Box library "if_equals": output_1 when payload[field] == value, else output_2.
function main() {
  next = payload[nflow_data.field] == nflow_data.value ? 'output_1' : 'output_2';
}
