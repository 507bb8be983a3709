// Box library "ValidateToken1": refuses a request without the API token named by data.token (default api1).
function main() {
  if (!validate_token(nflow_data.token || 'api1')) {
    c.JSON(401, { error: 'Unauthorized' });
    next = 'end';
  }
}
