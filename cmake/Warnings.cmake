# SPDX-License-Identifier: MIT
# The project's warning set; -Werror when REPORTD_WERROR is on (CI).
set(REPORTD_WARNINGS
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes
  -Wmissing-prototypes -Wcast-qual -Wwrite-strings -Wvla -Wformat=2 -Wundef)
if(REPORTD_WERROR)
  list(APPEND REPORTD_WARNINGS -Werror)
endif()

# Applies the warning set to one of our own targets (never to generated
# data files, which are just byte arrays).
function(reportd_warnings target)
  target_compile_options(${target} PRIVATE ${REPORTD_WARNINGS})
endfunction()
