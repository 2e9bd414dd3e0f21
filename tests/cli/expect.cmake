# Runs one test case of the command (or of an example) and checks its exit status exactly and its
# output by regular expressions.
#
#   cmake -DCASE=<case file> -DEXE=<program> -P expect.cmake
#
# The case file (written by compliance_cli_test() in CMakeLists.txt) sets:
#   args            the program's arguments (a CMake list)
#   expect_exit     the exit status, exactly
#   stdout_matches  regular expressions that must all match stdout
#   stdout_rejects  regular expressions that must not match stdout
#   stderr_matches  regular expressions that must all match stderr
#   stderr_lines    when set, the number of lines stderr must have (the one-line contract)
#   json_equals     PATH=VALUE items: stdout must be a JSON document whose value at PATH (keys and
#                   array indices joined by '.') is VALUE (booleans read ON/OFF, null NOTFOUND...)
#   json_stdout     when true, stdout must parse as one JSON document
#   env             NAME=VALUE settings for the run; NO_COLOR and CLICOLOR_FORCE are unset otherwise
# In every regular expression, <ESC> stands for the escape character (ANSI colour sequences).
cmake_minimum_required(VERSION 3.21)
include("${CASE}")

string(ASCII 27 esc)
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env --unset=NO_COLOR --unset=CLICOLOR_FORCE ${env} "${EXE}" ${args}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)

set(failures "")
if(NOT "${status}" STREQUAL "${expect_exit}")
  string(APPEND failures "exit status ${status}, expected ${expect_exit}\n")
endif()

function(check_matches stream text regexes must)
  foreach(regex IN LISTS regexes)
    string(REPLACE "<ESC>" "${esc}" regex "${regex}")
    if(must AND NOT text MATCHES "${regex}")
      string(APPEND failures "${stream} does not match: ${regex}\n")
    elseif(NOT must AND text MATCHES "${regex}")
      string(APPEND failures "${stream} matches what it must not: ${regex}\n")
    endif()
  endforeach()
  set(failures "${failures}" PARENT_SCOPE)
endfunction()

check_matches(stdout "${out}" "${stdout_matches}" TRUE)
check_matches(stdout "${out}" "${stdout_rejects}" FALSE)
check_matches(stderr "${err}" "${stderr_matches}" TRUE)

if(DEFINED stderr_lines)
  string(REGEX MATCHALL "\n" newlines "${err}")
  list(LENGTH newlines n)
  if(NOT n EQUAL stderr_lines)
    string(APPEND failures "stderr has ${n} lines, expected ${stderr_lines}\n")
  endif()
endif()

if(json_stdout OR json_equals)
  string(JSON type ERROR_VARIABLE json_error TYPE "${out}")
  if(json_error)
    string(APPEND failures "stdout is not one JSON document: ${json_error}\n")
  else()
    foreach(item IN LISTS json_equals)
      string(FIND "${item}" "=" eq)
      string(SUBSTRING "${item}" 0 ${eq} path)
      math(EXPR value_start "${eq} + 1")
      string(SUBSTRING "${item}" ${value_start} -1 expected)
      string(REPLACE "." ";" keys "${path}")
      string(JSON actual ERROR_VARIABLE get_error GET "${out}" ${keys})
      if(get_error)
        string(APPEND failures "JSON ${path}: ${get_error}\n")
      elseif(NOT "${actual}" STREQUAL "${expected}")
        string(APPEND failures "JSON ${path} is '${actual}', expected '${expected}'\n")
      endif()
    endforeach()
  endif()
endif()

if(failures)
  string(JOIN "' '" shown ${args})
  message(FATAL_ERROR "${failures}--- command: ${EXE} '${shown}'\n--- stdout:\n${out}\n--- stderr:\n${err}")
endif()
