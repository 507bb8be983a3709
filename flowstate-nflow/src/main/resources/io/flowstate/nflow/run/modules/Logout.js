// Box library "Logout": forgets the login.
function main() {
  delete_profile();
}
