// Box library "js_foreach": the first visit takes the list at 'field'; each visit shifts one item into
// payload[item_name] and goes to output_2; an empty list (or none) goes to output_1.
function main() {
  try {
    if (payload.__foreach === undefined) {
      payload.__foreach = find_element(nflow_data.field, payload);
    }
    if (Array.isArray(payload.__foreach) && payload.__foreach.length > 0) {
      payload[nflow_data.item_name] = payload.__foreach.shift();
      next = 'output_2';
      return;
    }
  } catch (e) {
    // an error ends the loop like an empty list
  }
  delete payload.__foreach;
  next = 'output_1';
}
