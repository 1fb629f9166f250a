"""The test suite runs offline: sockets are blocked by default (pytest-socket)."""

import socket

import pytest
from pytest_socket import SocketBlockedError


def test_network_is_blocked():
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
