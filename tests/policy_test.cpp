#include "compliance/policy.hpp"

#include <doctest/doctest.h>

using namespace compliance;

TEST_CASE("C5 C7 C14 C16 policy defaults are the spec's, and overrides apply field by field") {
  const policy p;
  CHECK(p.report_grace_months == 12);
  CHECK(p.bridge_max_months == 3);
  CHECK(p.surveillance == surveillance_policy::warn);
  CHECK(p.surveillance_grace_days == 0);
  CHECK_FALSE(p.accept_inherited);
  CHECK(p.require_agreements);
  policy_overrides o;
  CHECK(o.empty());
  o.report_grace_months = 0;
  o.surveillance = surveillance_policy::strict;
  const policy q = o.apply(p);
  CHECK(q.report_grace_months == 0);
  CHECK(q.surveillance == surveillance_policy::strict);
  CHECK(q.bridge_max_months == 3);
  CHECK(enum_from_string<surveillance_policy>("ignore") == surveillance_policy::ignore);
}
