# SPDX-License-Identifier: MIT
# Fuzz builds.  One harness source, fuzz/fuzz_<target>.c, builds three ways:
#
#   normal build (REPORTD_FUZZ=OFF)  linked with fuzz/replay.c; ctest
#                                    replays corpus/<target>/ through it
#   REPORTD_FUZZ=ON, CC=clang        libFuzzer (-fsanitize=fuzzer)
#   REPORTD_FUZZ=ON, CC=afl-clang-fast (or afl-clang-lto)
#                                    AFL++: -fsanitize=fuzzer links AFL++'s
#                                    libAFLDriver, which runs the harness in
#                                    persistent mode on shared-memory test
#                                    cases and starts the fork server only
#                                    after LLVMFuzzerInitialize returned
#
# The engine follows from the compiler, so the same cache settings work for
# both.  ASan+UBSan come from REPORTD_SANITIZE, as in every other build.
# REPORTD_FUZZ_CMPLOG=ON (AFL++ only) builds the CmpLog variant that
# afl-fuzz -c runs to solve comparisons against input bytes.
#
# Harness convention: LLVMFuzzerTestOneInput does one document with the
# production limits and keeps no state between calls; one-time set-up
# (library init, models, catalogues) goes in an optional
# LLVMFuzzerInitialize, which every driver calls once before the first
# input.  No harness touches the file system after that.
option(REPORTD_FUZZ_CMPLOG "AFL++ CmpLog instrumentation (REPORTD_FUZZ only)" OFF)

set(REPORTD_FUZZ_ENGINE "none")
if(REPORTD_FUZZ)
  get_filename_component(_cc_name "${CMAKE_C_COMPILER}" NAME)
  if(_cc_name MATCHES "^afl-")
    set(REPORTD_FUZZ_ENGINE "afl")
  elseif(CMAKE_C_COMPILER_ID STREQUAL "Clang")
    set(REPORTD_FUZZ_ENGINE "libfuzzer")
  else()
    message(FATAL_ERROR "REPORTD_FUZZ needs clang (libFuzzer) or "
      "afl-clang-fast/afl-clang-lto (AFL++), not ${CMAKE_C_COMPILER}")
  endif()
  message(STATUS "Fuzz engine: ${REPORTD_FUZZ_ENGINE}")

  # Lets code skip what only stands in a fuzzer's way (checksums), never a
  # cap: the name is the convention every fuzzing engine and library uses.
  add_compile_definitions(FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION)
  # libFuzzer only sees code compiled with coverage callbacks; afl-cc
  # instruments everything it compiles on its own.
  if(REPORTD_FUZZ_ENGINE STREQUAL "libfuzzer")
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()

  if(REPORTD_FUZZ_CMPLOG)
    if(NOT REPORTD_FUZZ_ENGINE STREQUAL "afl")
      message(FATAL_ERROR "REPORTD_FUZZ_CMPLOG needs CC=afl-clang-fast")
    endif()
    # afl-cc reads its mode from the environment, so every compile and
    # link goes through `cmake -E env`.
    set(CMAKE_C_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env AFL_LLVM_CMPLOG=1)
    set(CMAKE_C_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env AFL_LLVM_CMPLOG=1)
  endif()
elseif(REPORTD_FUZZ_CMPLOG)
  message(FATAL_ERROR "REPORTD_FUZZ_CMPLOG needs REPORTD_FUZZ=ON")
endif()

# Adds one harness: fuzz_<target> from fuzz/fuzz_<target>.c, built for the
# configured engine, or with the replay driver plus a ctest fuzz/<target>
# that replays corpus/<target>/ when the build is not a fuzz build.
function(reportd_fuzz_harness src)
  get_filename_component(name ${src} NAME_WE)
  string(REPLACE "fuzz_" "" target ${name})
  if(REPORTD_FUZZ)
    add_executable(${name} ${src})
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    add_dependencies(fuzzers ${name})
  else()
    add_executable(${name} ${src}
      ${CMAKE_SOURCE_DIR}/fuzz/replay.c)
    if(EXISTS ${CMAKE_SOURCE_DIR}/corpus/${target})
      add_test(NAME fuzz/${target}
        COMMAND ${name} ${CMAKE_SOURCE_DIR}/corpus/${target})
      set_tests_properties(fuzz/${target} PROPERTIES TIMEOUT 600
        LABELS fuzz-replay
        ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/tests/lsan.supp")
    endif()
  endif()
  target_link_libraries(${name} PRIVATE reportd_app)
  reportd_warnings(${name})
endfunction()
