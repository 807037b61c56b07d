# Copies the core's visitor wording with one verdict's sentence changed: the revoked ticket's.
# Fails when that sentence is no longer in the source, so the test cannot pass on a stale copy.
file(READ "${SOURCE}" text)
set(old "refusal(\"Ce billet a été annulé\")")
set(new "refusal(\"Votre billet n'est plus valable\")")
string(FIND "${text}" "${old}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "« ${old} » is no longer in ${SOURCE}: update tests/display/reword.cmake")
endif()
string(REPLACE "${old}" "${new}" text "${text}")
file(WRITE "${TARGET}" "${text}")
