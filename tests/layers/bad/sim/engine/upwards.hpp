#pragma once
// A fixture of tests/layers: the engine may not include the model.
#include "sim/model/person.hpp"
