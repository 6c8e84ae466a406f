"""Starts moto's server with a fix for repeated Step Functions executions.

moto 5.2.1 deep-copies the StateMachine model for every StartExecution. The model references the service backend
and the list of its earlier executions, which own thread locks, so from the second execution on the copy fails with
"cannot pickle '_thread.RLock' object". Sharing those two in the deepcopy memo (instead of copying them) fixes that:
the clone only serves as the frozen definition of the new execution.

Usage: MOTO_PORT=<port for Lambda tasks> python3 moto_launch.py -H 127.0.0.1 -p 5000
"""
import copy
import sys

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

if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
