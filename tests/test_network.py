"""The test suite runs offline: only loopback can be reached (pytest-socket, see pyproject)."""

import socket

import pytest
from pytest_socket import SocketBlockedError, SocketConnectBlockedError


@pytest.mark.filterwarnings("ignore:A test tried to use socket:UserWarning")  # the point of the test
@pytest.mark.parametrize("host", ["192.0.2.1", "8.8.8.8"])
def test_outside_hosts_are_blocked(host):
    with pytest.raises((SocketBlockedError, SocketConnectBlockedError)):
        socket.create_connection((host, 443), timeout=1)
