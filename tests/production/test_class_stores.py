"""Both class stores keep the same contract, in memory and in Redis: a class opened once
under a bound, records saved only over the version read, kept until a fixed time; a roster
kept apart, where a join is one step (once per trainee, a name once, up to a limit); and
thirty trainees joining at once all get on the roster, with no retry."""

import time

import pytest

from tests.production.support import in_threads
from webapp.practice import classroom
from webapp.practice.classes import ClassFull, NameTaken, Trainee, TrainingClass
from webapp.practice.classroom import roster_size
from webapp.store import ClassesFull, VersionConflict, create_class_store
from webapp.store.memory import InMemoryClassStore
from webapp.store.redis import RedisClassStore


@pytest.fixture
def store(store_config):
    return create_class_store(store_config)


def new_class(code="ABCD2345", now=None, creator="c1"):
    return TrainingClass.new(code, "社区课堂", now or time.time(), 4, 24, trainer="t",
                             creator=creator)


def test_the_class_store_lives_in_the_account_stores_backend(redis_url):
    assert isinstance(create_class_store({"ACCOUNT_STORE_URL": redis_url}), RedisClassStore)
    assert isinstance(create_class_store({"ACCOUNT_STORE_URL": ""}), InMemoryClassStore)


def test_a_class_is_opened_once_as_version_1(store):
    klass = new_class()
    now = time.time()
    assert store.open(klass.code, klass.to_text(), klass.keep_until, 10, now) == 1
    assert store.get_raw(klass.code) == (klass.to_text(), 1)
    with pytest.raises(VersionConflict):
        store.open(klass.code, klass.to_text(), klass.keep_until, 10, now)


def test_no_more_classes_than_allowed_until_some_have_expired(store):
    now = time.time()
    for code in ("AAAA2222", "BBBB2222"):
        store.open(code, new_class(code).to_text(), now + 100, 2, now)
    with pytest.raises(ClassesFull):
        store.open("CCCC2222", new_class("CCCC2222").to_text(), now + 100, 2, now)
    assert store.get_raw("CCCC2222") is None
    # Later, when the first two are past their time, there is room again.
    assert store.open("CCCC2222", new_class("CCCC2222").to_text(), now + 300, 2, now + 200)


def test_records_are_saved_only_over_the_version_read(store):
    klass = new_class()
    store.open(klass.code, klass.to_text(), klass.keep_until, 10, time.time())
    key = f"{klass.code}/t1"
    assert store.save_raw(key, "one", None, klass.keep_until) == 1
    with pytest.raises(VersionConflict):
        store.save_raw(key, "two", None, klass.keep_until)
    assert store.save_raw(key, "two", 1, klass.keep_until) == 2
    with pytest.raises(VersionConflict):
        store.save_raw(key, "three", 1, klass.keep_until)
    assert store.get_many_raw([key, klass.code, "nope/x"]) == [
        ("two", 2), (klass.to_text(), 1), None]


def test_a_record_is_kept_until_its_time_and_gone_after_it(store):
    until = time.time() + 1.5
    store.save_raw("ABCD2345/t1", "one", None, until)
    time.sleep(max(0, until - 0.3 - time.time()))
    assert store.get_raw("ABCD2345/t1") is not None  # not a second early (Redis: whole seconds)
    time.sleep(until + 1.2 - time.time())
    assert store.get_raw("ABCD2345/t1") is None


def test_a_join_puts_a_trainee_on_the_roster_once_with_a_name_of_their_own_up_to_a_limit(
        store):
    klass = new_class()
    store.open(klass.code, klass.to_text(), klass.keep_until, 10, time.time())

    def join(tid, name_key, limit=2):
        return store.join(klass.code, tid, name_key, f"record of {tid}", limit, klass.keep_until)

    assert join("t1", "王阿姨") == store.JOINED
    assert join("t1", "王阿姨") == store.ALREADY  # the same form again: nothing changes
    assert join("t2", "王阿姨") == store.NAME_TAKEN
    assert join("t2", "老李") == store.JOINED
    assert join("t3", "小张") == store.FULL
    assert store.roster(klass.code) == ["t1", "t2"] and store.roster_size(klass.code) == 2
    assert store.get_many_raw([f"{klass.code}/t1", f"{klass.code}/t2", f"{klass.code}/t3"]) == [
        ("record of t1", 1), ("record of t2", 1), None]
    assert store.roster("ZZZZ9999") == [] and store.roster_size("ZZZZ9999") == 0


def test_a_roster_is_kept_until_its_class_is_dropped(store):
    until = time.time() + 1.5
    store.join("ABCD2345", "t1", "王阿姨", "record", 5, until)
    assert store.roster("ABCD2345") == ["t1"]
    time.sleep(until + 1.2 - time.time())
    assert store.roster("ABCD2345") == [] and store.get_raw("ABCD2345/t1") is None
    assert store.join("ABCD2345", "t2", "王阿姨", "record", 5, time.time() + 60) == store.JOINED


@pytest.mark.usefixtures("eager_thread_switching")
def test_thirty_trainees_joining_at_once_are_all_on_the_roster_once(store):
    klass = new_class()
    classroom.open_class(store, klass, 10, time.time())

    def join(number):
        return classroom.join(store, klass.code, f"t{number:02d}", f"学员{number}",
                              time.time(), max_trainees=60)

    in_threads(30, join)
    assert sorted(store.roster(klass.code)) == [f"t{n:02d}" for n in range(30)]
    trainees = classroom.trainees(store, klass)
    assert [t.id for t in trainees] == store.roster(klass.code)
    assert {t.name for t in trainees} == {f"学员{n}" for n in range(30)}


@pytest.mark.usefixtures("eager_thread_switching")
def test_trainees_racing_for_one_name_or_the_last_place_get_it_once(store):
    klass = new_class()
    classroom.open_class(store, klass, 10, time.time())

    def join(number):
        try:
            return classroom.join(store, klass.code, f"t{number:02d}",
                                  "王阿姨" if number % 2 else f"学员{number}", time.time(),
                                  max_trainees=10)[1].id
        except (NameTaken, ClassFull) as refused:
            return refused.code

    answers = in_threads(30, join)
    assert len(store.roster(klass.code)) == 10 == roster_size(store, klass)
    names = [trainee.name for trainee in classroom.trainees(store, klass)]
    assert names.count("王阿姨") == 1 and len(set(names)) == 10
    assert answers.count("name_taken") + answers.count("class_full") == 20


def test_joining_never_rewrites_the_classs_record(store):
    klass = new_class()
    classroom.open_class(store, klass, 10, time.time())
    for number in range(5):
        classroom.join(store, klass.code, f"t{number}", f"学员{number}", time.time(), 60)
    assert store.get_raw(klass.code) == (klass.to_text(), 1)


def test_the_same_form_opening_a_class_twice_finds_the_first(store):
    klass = new_class()
    classroom.open_class(store, klass, 10, time.time())
    with pytest.raises(classroom.AlreadyOpened) as again:
        classroom.open_class(store, new_class(), 10, time.time())
    assert again.value.klass == klass
    with pytest.raises(classroom.ClassesBusy):  # another form's class cannot take the code
        classroom.open_class(store, new_class(creator="c2"), 10, time.time())


def test_an_attempt_recorded_at_once_by_its_trainee_and_the_dashboard_counts_once(store):
    klass = new_class()
    classroom.open_class(store, klass, 10, time.time())
    classroom.join(store, klass.code, "t1", "王阿姨", time.time(), 60)
    started = {"id": "a1", "exercise": "close-weilidai", "started": time.time(),
               "ended": None, "outcome": None, "reason": None, "steps": 0, "shortest": 8,
               "wrong": 0, "hints": 0, "language": "zh", "score": 0}
    assert classroom.record(store, klass, "t1", started) is None  # kept
    ended = {**started, "outcome": "completed", "ended": time.time(), "score": 100}
    results = in_threads(8, lambda _: classroom.record(store, klass, "t1", ended))
    # One keeps it; the others find it ended already, and are given the end that counts.
    assert results.count(None) == 1 and results.count(ended) == 7
    (trainee,) = classroom.trainees(store, klass)
    assert isinstance(trainee, Trainee) and len(trainee.attempts) == 1
    assert trainee.attempts[0]["outcome"] == "completed"
