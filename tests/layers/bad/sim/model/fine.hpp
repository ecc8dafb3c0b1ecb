#pragma once
// A fixture of tests/layers: the model may include the engine.
#include "sim/engine/random.hpp"
