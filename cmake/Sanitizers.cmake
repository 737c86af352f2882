# SPDX-License-Identifier: MIT
# ASan + UBSan for the whole build; every UB report is fatal.
if(REPORTD_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
