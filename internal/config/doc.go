// Package config holds relais's configuration: the Config struct, its
// defaults, its validation, and Load, which layers command-line flags over
// RELAIS_* environment variables over relais.yaml over the defaults.
//
// It is the only package that imports viper, and it reads no global state:
// the environment, the file system and the flags are handed to Load.
package config
