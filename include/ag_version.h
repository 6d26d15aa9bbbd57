/*
 * ag_version.h - the release of mod_authgate and the authgate command.
 * The one place the version is written: the Makefile reads it from here
 * (make deb, make dist), and debian/changelog must agree with it.
 */
#ifndef AUTHGATE_AG_VERSION_H
#define AUTHGATE_AG_VERSION_H

#define AUTHGATE_VERSION "0.9.0"

#endif /* AUTHGATE_AG_VERSION_H */
