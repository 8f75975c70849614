// Only here so that SwiftPM resolves the pkg-config flags of icu-i18n; no Swift module imports CICU.
#include <unicode/utypes.h>
