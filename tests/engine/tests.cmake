# The engine's command-line pieces: `werkstroom bench engine` runs (a tiny smoke run whose figures mean nothing,
# but the two queues must pop the same sequence) and an unknown target is a usage error naming the choices.
add_test(NAME engine.bench_quick COMMAND ${WERKSTROOM_BIN} bench engine --quick --repeats 1)
set_tests_properties(engine.bench_quick PROPERTIES PASS_REGULAR_EXPRESSION "Same pop sequence in both queues: yes")
add_test(NAME engine.bench_unknown_target COMMAND ${WERKSTROOM_BIN} bench no-such-target)
set_tests_properties(engine.bench_unknown_target PROPERTIES PASS_REGULAR_EXPRESSION
                     "unknown target 'no-such-target'; expected one of: .*engine")
