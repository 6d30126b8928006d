// Vigil console: the only script besides htmx (CSP script-src 'self'; no inline scripts). Every page works without it.
document.addEventListener('change', function (e) {
  // "Select all" of the findings table
  if (e.target.classList && e.target.classList.contains('select-all')) {
    document.querySelectorAll('input[name="id"][form="selected"]').forEach(function (box) {
      box.checked = e.target.checked;
    });
  }
});
// A boosted request that cannot complete (the session ended and the answer is Keycloak's sign-in page on another
// origin): load the address normally, so the browser follows the sign-in redirect.
document.addEventListener('htmx:sendError', function (e) {
  window.location.href = e.detail.pathInfo.finalRequestPath || window.location.href;
});
document.addEventListener('htmx:responseError', function (e) {
  if (e.detail.xhr.status === 401 || e.detail.xhr.status === 499) {
    window.location.reload();
  }
});
