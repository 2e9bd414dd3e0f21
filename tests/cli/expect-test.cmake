# compliance_cli_test(): a ctest that runs a program and checks its exit status exactly and its
# output by regular expressions (expect.cmake). Used by tests/cli/ for the command and by
# examples/ for the example programs.
include_guard(GLOBAL)

# compliance_cli_test(<name> [PROGRAM <target>] [EXIT <status>] [ARGS <arg>...]
#                     [STDOUT <regex>...] [NOT_STDOUT <regex>...] [STDERR <regex>...]
#                     [STDERR_LINES <n>] [JSON] [JSON_EQUALS <path=value>...] [ENV <NAME=VALUE>...]
#                     [WORKING_DIRECTORY <dir>] [PREFIX <test name prefix>])
# Adds the test <PREFIX><name> (PREFIX defaults to `cli.`), running PROGRAM (default: the command)
# from WORKING_DIRECTORY (default: tests/cli/data, so fixture names stay short in messages).
# The case is written to a file, so arguments and regexes need no quoting beyond CMake's own.
function(compliance_cli_test name)
  cmake_parse_arguments(PARSE_ARGV 1 t "JSON" "PROGRAM;EXIT;STDERR_LINES;WORKING_DIRECTORY;PREFIX"
                        "ARGS;STDOUT;NOT_STDOUT;STDERR;JSON_EQUALS;ENV")
  if(NOT DEFINED t_PROGRAM)
    set(t_PROGRAM compliance_cli)
  endif()
  if(NOT DEFINED t_EXIT)
    set(t_EXIT 0)
  endif()
  if(NOT DEFINED t_WORKING_DIRECTORY)
    set(t_WORKING_DIRECTORY "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/data")
  endif()
  if(NOT DEFINED t_PREFIX)
    set(t_PREFIX "cli.")
  endif()
  set(case "set(expect_exit ${t_EXIT})\nset(json_stdout ${t_JSON})\n")
  if(DEFINED t_STDERR_LINES)
    string(APPEND case "set(stderr_lines ${t_STDERR_LINES})\n")
  endif()
  foreach(pair IN ITEMS "args;ARGS" "stdout_matches;STDOUT" "stdout_rejects;NOT_STDOUT" "stderr_matches;STDERR"
                        "json_equals;JSON_EQUALS" "env;ENV")
    list(GET pair 0 variable)
    list(GET pair 1 keyword)
    string(APPEND case "set(${variable}")
    foreach(item IN LISTS t_${keyword})
      string(APPEND case " [==[${item}]==]")
    endforeach()
    string(APPEND case ")\n")
  endforeach()
  set(case_file "${CMAKE_CURRENT_BINARY_DIR}/cases/${t_PREFIX}${name}.cmake")
  file(WRITE "${case_file}" "${case}")
  add_test(NAME ${t_PREFIX}${name}
    COMMAND ${CMAKE_COMMAND} -DCASE=${case_file} -DEXE=$<TARGET_FILE:${t_PROGRAM}> -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/expect.cmake"
    WORKING_DIRECTORY "${t_WORKING_DIRECTORY}")
endfunction()
