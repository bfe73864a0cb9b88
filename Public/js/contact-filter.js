// The new-ticket form's Contact list offers only the chosen company's contacts. Without this script the list
// shows every contact grouped by company, and the server refuses a contact of another company by name.
(function () {
  "use strict";
  var company = document.getElementById("companyID");
  var contact = document.getElementById("contactID");
  if (!company || !contact) { return; }

  function showChosenCompany() {
    var groups = contact.querySelectorAll("optgroup[data-company]");
    for (var i = 0; i < groups.length; i++) {
      var mine = groups[i].getAttribute("data-company") === company.value;
      groups[i].hidden = !mine;
      groups[i].disabled = !mine;
    }
    var chosen = contact.options[contact.selectedIndex];
    if (chosen && chosen.parentNode.disabled) { contact.value = ""; }
  }

  // Picking a contact first picks their company too.
  contact.addEventListener("change", function () {
    var chosen = contact.options[contact.selectedIndex];
    var group = chosen && chosen.parentNode.getAttribute && chosen.parentNode.getAttribute("data-company");
    if (group && group !== company.value) { company.value = group; showChosenCompany(); }
  });
  company.addEventListener("change", showChosenCompany);
  showChosenCompany();
})();
