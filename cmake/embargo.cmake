# Shared helpers for embargo's targets. Options are set per target, never
# through global CMAKE_CXX_FLAGS.

function(embargo_target_options target)
  # -Wno-restrict: GCC 12 at -O3 reports impossible std::string overlaps
  # (GCC bug 105329, fixed in GCC 13); every other warning stays an error.
  # Clang (the fuzz preset) has no such warning and would reject the flag.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
    -Wno-missing-field-initializers $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
  if(EMBARGO_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# embargo_embed_text(<target> <file> <symbol>): compiles <file> into the target
# as `extern const std::string_view <symbol>` in namespace embargo::internal, so
# data tables live as plain text in the repo yet ship inside the binary.
function(embargo_embed_text target file symbol)
  get_filename_component(abs "${file}" ABSOLUTE)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embed_${symbol}.cc")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DIN=${abs} -DOUT=${out} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/embed.cmake"
    DEPENDS "${abs}" "${PROJECT_SOURCE_DIR}/cmake/embed.cmake"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()

# embargo_add_test(<name> [WHOLE] SOURCES ... LIBS ... [LABELS ...])
# Each GoogleTest case becomes a ctest test; WHOLE runs the binary as one
# test instead, for suites whose fixtures load the real lists once per
# process (one process per case would reload them for every case).
function(embargo_add_test name)
  cmake_parse_arguments(T "WHOLE" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  embargo_target_options(${name})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    EMBARGO_SHARED_DATA="${EMBARGO_SHARED_DATA}"
    EMBARGO_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  set(labels ${T_LABELS})
  if(NOT labels)
    set(labels fast)
  endif()
  if(T_WHOLE)
    add_test(NAME ${name} COMMAND ${name})
    # A high COST starts these long single processes first, so that under
    # ctest -j the short cases fill the other core around them instead of
    # leaving one to run alone at the end (a fresh tree has no timings).
    set_tests_properties(${name} PROPERTIES LABELS "${labels}" TIMEOUT 900
      COST 1000)
  else()
    gtest_discover_tests(${name} PROPERTIES LABELS "${labels}"
      DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

# embargo_screening_path(<target>): the libraries every screening runs
# through compile file by file, never in unity batches. GCC stops inlining
# in a translation unit once it has grown past its budget, and a batch is
# one unit: built in batches, the first 20,000 customer rows took 6% more
# instructions (2,148M against 2,026M, the normalizer's std::string_view and
# std::string calls left out of line), for identical output.
function(embargo_screening_path target)
  set_target_properties(${target} PROPERTIES UNITY_BUILD OFF)
endfunction()
