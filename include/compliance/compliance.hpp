#ifndef COMPLIANCE_COMPLIANCE_HPP
#define COMPLIANCE_COMPLIANCE_HPP

/// \file
/// Umbrella header: the model, the engine's query API and the builder. (json.hpp, the only
/// header that includes Boost.JSON, and doctest.hpp are included separately.)

#include "compliance/builder.hpp"
#include "compliance/date.hpp"
#include "compliance/error.hpp"
#include "compliance/evidence.hpp"
#include "compliance/framework.hpp"
#include "compliance/id.hpp"
#include "compliance/interval.hpp"
#include "compliance/policy.hpp"
#include "compliance/registry.hpp"
#include "compliance/requirement.hpp"
#include "compliance/surveillance.hpp"
#include "compliance/vendor.hpp"
#include "compliance/verdict.hpp"
#include "compliance/version.hpp"

#endif
