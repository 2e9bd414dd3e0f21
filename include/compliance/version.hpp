#ifndef COMPLIANCE_VERSION_HPP
#define COMPLIANCE_VERSION_HPP

/// \file
/// The library version, defined once; CMake reads it from here.

#define COMPLIANCE_VERSION_MAJOR 0
#define COMPLIANCE_VERSION_MINOR 1
#define COMPLIANCE_VERSION_PATCH 0

namespace compliance {
/// The version as "major.minor.patch".
inline constexpr const char* version_string = "0.1.0";
} // namespace compliance

#endif
