# G1 and the library's I/O rule, checked on the sources: the library never reads the clock and
# never prints (the command does the I/O). Run as: cmake -DROOT=<source dir> -P this-file.
file(GLOB_RECURSE sources "${ROOT}/src/*.cpp" "${ROOT}/src/*.hpp" "${ROOT}/include/compliance/*.hpp")
set(forbidden
  "system_clock" "steady_clock" "high_resolution_clock" "day_clock" "second_clock" "microsec_clock"
  "std::time\\(" "[^a-z_]time\\(nullptr" "localtime" "gmtime"
  "std::cout" "std::cerr" "std::clog" "[^a-z_]printf\\(" "[^a-z_]puts\\(" "fprintf\\(")
set(failures "")
foreach(file IN LISTS sources)
  file(READ "${file}" text)
  foreach(pattern IN LISTS forbidden)
    if(text MATCHES "${pattern}")
      string(APPEND failures "  ${file}: matches '${pattern}'\n")
    endif()
  endforeach()
endforeach()
if(failures)
  message(FATAL_ERROR "The library must not read the clock (G1) nor print:\n${failures}")
endif()
list(LENGTH sources n)
message(STATUS "G1: ${n} library sources read no clock and print nothing")
