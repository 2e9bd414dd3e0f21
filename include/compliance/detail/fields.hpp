#ifndef COMPLIANCE_DETAIL_FIELDS_HPP
#define COMPLIANCE_DETAIL_FIELDS_HPP

/// \file
/// The model's plain records (vendors, evidence, catalog rows, policy) list their fields once
/// each, with `BOOST_DESCRIBE_STRUCT` beside the struct. `==` and `!=` are generated from that
/// list (Boost.Describe's operators, brought into namespace compliance here), and the tests walk
/// it to check that JSON read and write, the schema, the vendor store and the builder handle
/// every field (tests/fields_test.cpp, which also checks that the list names every member).

#include <boost/describe/class.hpp>
#include <boost/describe/operators.hpp>

namespace compliance {

// Found by argument-dependent lookup for any described record of this namespace; no other type
// is affected (they require a description).
using boost::describe::operators::operator==;
using boost::describe::operators::operator!=;

} // namespace compliance

#endif
