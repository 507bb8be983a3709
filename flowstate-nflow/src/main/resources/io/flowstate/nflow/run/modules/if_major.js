// Box library "if_major": output_1 when payload[field] > limit as numbers, else output_2.
function main() {
  next = parseFloat(payload[nflow_data.field]) > parseFloat(nflow_data.limit) ? 'output_1' : 'output_2';
}
