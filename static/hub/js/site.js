// Initialise the NHS.UK frontend components (header menu, skip link, details, radios).
import { initAll } from "../../wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js";

initAll();
