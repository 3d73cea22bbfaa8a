"""bench/RESULTS.md keeps the grader's section when ``make bench`` writes it anew: the grading
is measured on its own (``python -m bench.grading``, minutes of browser suites), and a full run
of the rest once dropped it."""

from bench import grading


def test_a_full_run_carries_the_grading_section_over(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text(f"# Benchmarks\n\nold figures\n\n{grading.START}\n## 8. The grader\n"
                       f"figures\n{grading.END}\n\nold notes\n", encoding="utf-8")
    kept = grading.kept_section(results)
    assert kept == f"\n{grading.START}\n## 8. The grader\nfigures\n{grading.END}\n"
    results.write_text("# Benchmarks\n\nnew figures\n" + kept, encoding="utf-8")
    # ...and the grader's next run replaces it in place.
    grading.write(f"{grading.START}\nfresh\n{grading.END}\n", results)
    assert results.read_text(encoding="utf-8") == (
        f"# Benchmarks\n\nnew figures\n\n{grading.START}\nfresh\n{grading.END}\n")


def test_nothing_to_carry_over(tmp_path):
    assert grading.kept_section(tmp_path / "none.md") == ""
    (tmp_path / "plain.md").write_text("# Benchmarks\n", encoding="utf-8")
    assert grading.kept_section(tmp_path / "plain.md") == ""
