#include "floe/core/state_machine.h"

#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/matchers.h"

namespace floe {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsOk;
using C = ConnectionState;
using W = WriteState;

TEST(ConnectionStateTest, SeedPathsAreLegal) {
  ConnectionStateMachine m("catalog", C::kDisconnected);
  EXPECT_THAT(m.TransitionTo(C::kAuthenticating), IsOk());
  EXPECT_THAT(m.TransitionTo(C::kConnected), IsOk());
  EXPECT_THAT(m.TransitionTo(C::kReconnecting), IsOk());  // token expired
  EXPECT_THAT(m.TransitionTo(C::kAuthenticating), IsOk());  // retry with backoff
  EXPECT_THAT(m.TransitionTo(C::kReconnecting), IsOk());  // auth failure
  EXPECT_THAT(m.TransitionTo(C::kDisconnected), IsOk());  // give up
  EXPECT_EQ(m.history().size(), 7u);
}

TEST(ConnectionStateTest, EveryPairMatchesTheTable) {
  const std::set<std::pair<C, C>> legal = {
      {C::kDisconnected, C::kAuthenticating}, {C::kAuthenticating, C::kConnected},
      {C::kAuthenticating, C::kReconnecting}, {C::kConnected, C::kReconnecting},
      {C::kConnected, C::kDisconnected},      {C::kReconnecting, C::kAuthenticating},
      {C::kReconnecting, C::kDisconnected}};
  const C all[] = {C::kDisconnected, C::kAuthenticating, C::kConnected, C::kReconnecting};
  for (C from : all) {
    for (C to : all) {
      EXPECT_EQ(IsLegalTransition(from, to), legal.count({from, to}) == 1)
          << StateName(from) << " -> " << StateName(to);
    }
  }
}

TEST(ConnectionStateTest, IllegalTransitionIsAnErrorAndStateStays) {
  ConnectionStateMachine m("catalog", C::kDisconnected);
  auto s = m.TransitionTo(C::kConnected);
  EXPECT_THAT(s, IsError(ErrorKind::kInternal));
  EXPECT_THAT(s.error().message(), ::testing::HasSubstr("Disconnected -> Connected"));
  EXPECT_EQ(m.state(), C::kDisconnected);
}

TEST(WriteStateTest, HappyPathsAndRetries) {
  WriteStateMachine plain("write", W::kPending);
  for (W s : {W::kValidating, W::kWriting, W::kCommitted}) {
    EXPECT_THAT(plain.TransitionTo(s), IsOk());
  }
  WriteStateMachine evolving("write", W::kPending);
  for (W s : {W::kValidating, W::kEvolvingSchema, W::kWriting, W::kRetrying, W::kWriting,
              W::kRetrying, W::kFailed}) {
    EXPECT_THAT(evolving.TransitionTo(s), IsOk()) << StateName(s);
  }
}

TEST(WriteStateTest, EveryPairMatchesTheTable) {
  const std::set<std::pair<W, W>> legal = {
      {W::kPending, W::kValidating},     {W::kValidating, W::kWriting},
      {W::kValidating, W::kEvolvingSchema}, {W::kValidating, W::kFailed},
      {W::kEvolvingSchema, W::kWriting}, {W::kEvolvingSchema, W::kFailed},
      {W::kWriting, W::kCommitted},      {W::kWriting, W::kRetrying},
      {W::kWriting, W::kFailed},         {W::kRetrying, W::kWriting},
      {W::kRetrying, W::kFailed}};
  const W all[] = {W::kPending,   W::kValidating, W::kEvolvingSchema, W::kWriting,
                   W::kCommitted, W::kRetrying,   W::kFailed};
  for (W from : all) {
    for (W to : all) {
      EXPECT_EQ(IsLegalTransition(from, to), legal.count({from, to}) == 1)
          << StateName(from) << " -> " << StateName(to);
    }
  }
  EXPECT_TRUE(IsFinal(W::kCommitted));
  EXPECT_TRUE(IsFinal(W::kFailed));
  EXPECT_FALSE(IsFinal(W::kRetrying));
}

TEST(WriteStateTest, FinalStatesCannotBeLeft) {
  WriteStateMachine m("write", W::kPending);
  ASSERT_THAT(m.TransitionTo(W::kValidating), IsOk());
  ASSERT_THAT(m.TransitionTo(W::kWriting), IsOk());
  ASSERT_THAT(m.TransitionTo(W::kCommitted), IsOk());
  EXPECT_THAT(m.TransitionTo(W::kWriting), IsError(ErrorKind::kInternal));
  EXPECT_EQ(m.state(), W::kCommitted);
}

}  // namespace
}  // namespace floe
