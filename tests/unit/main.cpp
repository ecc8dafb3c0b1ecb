// Our own Catch2 main: Debian's Catch2WithMain is built without benchmarking support.
#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_ENABLE_BENCHMARKING
#include <catch2/catch.hpp>
