"""Starts moto's server with a fix for repeated Step Functions executions.

moto 5.2.1 deep-copies the StateMachine model for every StartExecution. The model references the service backend
and the list of its earlier executions, which own thread locks, so from the second execution on the copy fails with
"cannot pickle '_thread.RLock' object". Sharing those two in the deepcopy memo (instead of copying them) fixes that:
the clone only serves as the frozen definition of the new execution.

It also makes DynamoDB's conditional writes atomic, as they are on AWS: moto's server is threaded and its DynamoDB
backend checks a ConditionExpression and then writes without a lock, so two concurrent conditional puts on the same
version could both succeed (seen as a lost update in the job-store contract test, 39 of 40 increments).

Usage: MOTO_PORT=<port for Lambda tasks> python3 moto_launch.py -H 127.0.0.1 -p 5000
"""
import copy
import functools
import sys
import threading

from moto.stepfunctions.models import StateMachine


def _deepcopy_sharing_backend(self, memo):
    for shared in ("backend", "executions"):
        value = getattr(self, shared, None)
        if value is not None:
            memo[id(value)] = value
    clone = self.__class__.__new__(self.__class__)
    memo[id(self)] = clone
    for name, value in self.__dict__.items():
        setattr(clone, name, copy.deepcopy(value, memo))
    return clone


StateMachine.__deepcopy__ = _deepcopy_sharing_backend


def _serialise_dynamodb_writes():
    from moto.dynamodb.models import DynamoDBBackend

    lock = threading.RLock()
    for name in ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item", "get_item"):
        original = getattr(DynamoDBBackend, name, None)
        if original is None:
            continue

        def locked(*args, __original=original, **kwargs):
            with lock:
                return __original(*args, **kwargs)

        setattr(DynamoDBBackend, name, functools.wraps(original)(locked))


_serialise_dynamodb_writes()

if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
