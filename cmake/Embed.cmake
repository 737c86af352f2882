# SPDX-License-Identifier: MIT
# Embeds data files (legacy encoding tables, the indicator catalogue) in
# the binary, so a sandboxed worker needs no file system to find them.
#
# reportd_embed(OUT_VAR SYMBOL FILE) generates ${CMAKE_CURRENT_BINARY_DIR}/
# SYMBOL.c defining `const unsigned char SYMBOL[]` (NUL-terminated) and
# `const size_t SYMBOL_len` (without the NUL), and appends its path to
# OUT_VAR.
function(reportd_embed out_var symbol file)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${symbol}.c)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DSYM=${symbol}
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedRun.cmake
    DEPENDS ${file} ${CMAKE_SOURCE_DIR}/cmake/EmbedRun.cmake
    COMMENT "Embedding ${file}")
  set(${out_var} ${${out_var}} ${out} PARENT_SCOPE)
endfunction()
