"""The drills of the integrity review, kept as tests: `kill -9` under creation load loses no acknowledged ticket
(SQLite and PostgreSQL), and three servers on one PostgreSQL racing If-Match writes on one ticket let exactly one
write win each round and lose none. Each is bounded to well under a minute."""
import threading
import time

import pytest

from conftest import call, fresh_postgres_database


def seeded(server):
    """A minimal demo MSP and an admin token on the server's database; the first client company's id."""
    server.mend("demo", "--tickets", "1")
    token = server.mend("token", "create", "--email", "admin@mend.example", "--name", "drill")
    return token


def first_company(server, token):
    status, _, body = call(server.url + "/api/v1/companies", token=token)
    assert status == 200, body
    return body["items"][0]["id"]


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_kill_9_under_creation_load_loses_no_acknowledged_ticket(engine, servers, tmp_path):
    url = f"sqlite://{tmp_path}/crash.sqlite" if engine == "sqlite" else fresh_postgres_database()
    server = servers(url, "crash")
    token = seeded(server)
    server.start()
    company = first_company(server, token)
    acknowledged = []
    lock = threading.Lock()
    stop = threading.Event()

    def create(worker):
        n = 0
        while not stop.is_set():
            summary = f"Drill {worker}-{n}"
            status, _, body = call(server.url + "/api/v1/tickets", "POST", token,
                                   {"summary": summary, "companyID": company, "impact": "medium", "urgency": "high"},
                                   timeout=10)
            if status == 201:
                with lock:
                    acknowledged.append((body["number"], summary))
            n += 1

    threads = [threading.Thread(target=create, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(4)
    server.kill()  # SIGKILL while creations are in flight
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert len(acknowledged) >= 20, f"only {len(acknowledged)} creations were acknowledged before the kill"

    server.start()
    missing = []
    for number, summary in acknowledged:
        status, _, body = call(f"{server.url}/api/v1/tickets/{number}", token=token)
        if status != 200 or body.get("summary") != summary:
            missing.append((number, summary, status))
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged tickets lost: {missing[:5]}"
    numbers = [number for number, _ in acknowledged]
    assert len(set(numbers)) == len(numbers), "two acknowledgements named the same ticket"


def test_three_servers_on_one_postgres_racing_if_match_writes_lose_nothing(servers):
    url = fresh_postgres_database()
    first = servers(url, "a")
    token = seeded(first)
    first.start()
    others = [servers(url, "b").start(), servers(url, "c").start()]
    trio = [first] + others
    company = first_company(first, token)
    status, _, ticket = call(first.url + "/api/v1/tickets", "POST", token, {"summary": "Race", "companyID": company})
    assert status == 201, ticket
    number = ticket["number"]
    _, _, start = call(f"{first.url}/api/v1/tickets/{number}", token=token)
    rounds = 25
    winners = []
    for round_number in range(rounds):
        status, headers, current = call(f"{trio[round_number % 3].url}/api/v1/tickets/{number}", token=token)
        assert status == 200
        etag = headers["etag"]
        results = [None] * 3
        barrier = threading.Barrier(3)

        def write(index):
            barrier.wait()
            results[index] = call(f"{trio[index].url}/api/v1/tickets/{number}", "PATCH", token,
                                  {"summary": f"Round {round_number} via server {index}"},
                                  headers={"If-Match": etag})

        threads = [threading.Thread(target=write, args=(i,)) for i in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        statuses = sorted(r[0] for r in results)
        assert statuses == [200, 412, 412], f"round {round_number}: {statuses}"
        winner = next(r for r in results if r[0] == 200)
        assert winner[2]["version"] == current["version"] + 1
        winners.append(winner[2]["summary"])

    _, _, final = call(f"{others[0].url}/api/v1/tickets/{number}", token=token)
    assert final["version"] == start["version"] + rounds, "every winning write is one version, none lost"
    assert final["summary"] == winners[-1]
    _, _, events = call(f"{others[1].url}/api/v1/tickets/{number}/events", token=token)
    changes = [e for e in events["items"] if e["kind"] == "fields_changed"]
    assert len(changes) == rounds, f"{len(changes)} field changes recorded for {rounds} winning writes"
