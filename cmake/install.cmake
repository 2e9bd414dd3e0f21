# Install rules, exported targets and the package config (fmt's packaging, CLI11's guards).
include(CMakePackageConfigHelpers)

set(COMPLIANCE_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/compliance")

install(TARGETS compliance EXPORT compliance-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/compliance DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES data/sample-registry.json data/compliance-registry-1.schema.json
  DESTINATION ${CMAKE_INSTALL_DATADIR}/compliance OPTIONAL)

install(EXPORT compliance-targets
  FILE compliance-targets.cmake
  NAMESPACE compliance::
  DESTINATION ${COMPLIANCE_CMAKE_DIR})

configure_package_config_file(cmake/compliance-config.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/compliance-config.cmake"
  INSTALL_DESTINATION ${COMPLIANCE_CMAKE_DIR})
write_basic_package_version_file(
  "${CMAKE_CURRENT_BINARY_DIR}/compliance-config-version.cmake"
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${CMAKE_CURRENT_BINARY_DIR}/compliance-config.cmake"
  "${CMAKE_CURRENT_BINARY_DIR}/compliance-config-version.cmake"
  DESTINATION ${COMPLIANCE_CMAKE_DIR})

# Build-tree export: find_package(compliance) with compliance_DIR=<build dir> works too.
export(EXPORT compliance-targets
  FILE "${CMAKE_CURRENT_BINARY_DIR}/compliance-targets.cmake"
  NAMESPACE compliance::)
